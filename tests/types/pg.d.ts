// The few parts of `pg` the test harness uses to create and drop throwaway databases.
declare module 'pg' {
  export class Client {
    constructor(config: { host: string; port: number; user: string; password: string; database: string });
    connect(): Promise<void>;
    query(sql: string): Promise<unknown>;
    end(): Promise<void>;
  }
}
