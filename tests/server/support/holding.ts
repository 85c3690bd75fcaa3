// A database handle whose transactions can be held at chosen points, to line up what concurrent work does in between
// (a build held mid-read while another stores, a build held between its read and its store).
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from '../../../src/server/db/open';

export interface Holds {
  /** Before the handle's `n`th transaction (from 1) begins. */
  beforeTransaction?(n: number): Promise<void> | void;
  /** Before a statement inside a transaction is sent, with its SQL text. */
  beforeStatement?(text: string): Promise<void> | void;
}

const dialect = new PgDialect();

/** `db`, with its transactions waiting where `holds` says. */
export function holding(db: Database, holds: Holds): Database {
  let transactions = 0;
  const held = (tx: object) =>
    new Proxy(tx, {
      get: (target, key, receiver) =>
        key === 'execute'
          ? async (query: SQL) => {
              await holds.beforeStatement?.(dialect.sqlToQuery(query).sql);
              return (target as Database).execute(query);
            }
          : Reflect.get(target, key, receiver),
    });
  const transaction: Database['transaction'] = async (work, config) => {
    await holds.beforeTransaction?.(++transactions);
    return db.transaction((tx) => work(held(tx) as typeof tx), config);
  };
  return new Proxy(db, { get: (target, key, receiver) => (key === 'transaction' ? transaction : Reflect.get(target, key, receiver)) });
}

/** A point one side reaches and waits at until the other opens it. */
export function gate(): { reached: Promise<void>; reach(): Promise<void>; open(): void } {
  let reach!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    reached,
    reach: () => {
      reach();
      return opened;
    },
    open,
  };
}
