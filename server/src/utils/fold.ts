import { foldText } from '../../../shared/fold';

export { foldText };

/** A LIKE pattern matching `text` anywhere, with `!` as the escape character. */
export const containsPattern = (text: string): string => `%${foldText(text).replace(/[!%_]/g, (char) => `!${char}`)}%`;
