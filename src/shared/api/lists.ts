// Lists of a request whose items must be distinct (a department or a district named twice is a mistake, not a wish).
import { z } from 'zod';

/** An array of `item` refused when an item repeats; `what` names the items in the message. */
export const distinctArray = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).refine((items) => new Set(items).size === items.length, `${what} must not repeat`);
