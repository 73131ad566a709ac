// pg ships no types and @types/pg is not installed; tests/helpers/database.ts imports it dynamically.
declare module 'pg';
