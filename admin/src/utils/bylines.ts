/**
 * The story's correspondents in byline order, as the Content Manager's relation field holds them:
 * the saved list (from the server) changed by the form's pending `connect` / `disconnect`, placed
 * the way the server will place them on save (`position: { start | before | after | end }`).
 */
export interface Person {
  id: number;
  documentId: string;
  name: string;
}

interface RelationChange {
  id: number;
  documentId?: string;
  name?: string;
  label?: string;
  apiData?: { documentId?: string; position?: { start?: boolean; end?: boolean; before?: string; after?: string } };
}

export interface RelationFieldValue {
  connect?: RelationChange[];
  disconnect?: RelationChange[];
}

export const bylineOrder = (saved: Person[], value: RelationFieldValue | null | undefined): Person[] => {
  const gone = new Set((value?.disconnect ?? []).map((item) => item.id));
  const order = saved.filter((person) => !gone.has(person.id));
  for (const item of value?.connect ?? []) {
    const documentId = item.apiData?.documentId ?? item.documentId ?? '';
    const person: Person = { id: item.id, documentId, name: item.name ?? item.label ?? documentId };
    const at = order.findIndex((entry) => entry.id === item.id);
    if (at >= 0) order.splice(at, 1);
    const position = item.apiData?.position;
    const before = position?.before ? order.findIndex((entry) => entry.documentId === position.before) : -1;
    const after = position?.after ? order.findIndex((entry) => entry.documentId === position.after) : -1;
    if (position?.start) order.unshift(person);
    else if (before >= 0) order.splice(before, 0, person);
    else if (after >= 0) order.splice(after + 1, 0, person);
    else order.push(person);
  }
  return order;
};

export type Roles = Record<string, string>;

/** The field's stored value as a map (the Content Manager may hand a JSON field over as text). */
export const readRoles = (value: unknown): Roles => {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
};

/** One role changed; only the story's current correspondents with a role are kept (null when none). */
export const withRole = (roles: Roles, people: Person[], documentId: string, role: string): Roles | null => {
  const next: Roles = {};
  for (const person of people) {
    const value = person.documentId === documentId ? role : roles[person.documentId];
    if (value && value.trim() !== '') next[person.documentId] = value;
  }
  return Object.keys(next).length ? next : null;
};
