const READS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

/** A Document Service action that only reads (every other one may write). */
export const isReadAction = (action: string) => READS.has(action);
