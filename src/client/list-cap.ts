/** The most records Worksection puts in one answer: its docs say some lists stop at 10,000 ("Too many tasks (10000 max)"). */
export const RECORD_CAP = 10_000;

/**
 * A list the account API answered, as the list helpers resolve it: an ordinary array, plus `capped`.
 *
 * `capped` is `true` when the list holds {@link RECORD_CAP} records or more: Worksection may have stopped there,
 * so records may be missing. (Should Worksection refuse a list over its cap instead, the call rejects with a
 * {@link WorksectionApiError} whose `limit` is set; a list of exactly the cap cannot be told apart from one cut at
 * it.) Narrow the query — one project, a `filter`, dates — until `capped` is `false`. `capped` is not enumerable:
 * `JSON.stringify`, spreading and `map`/`filter` leave it out.
 */
export type WorksectionList<T> = T[] & { readonly capped: boolean };

/** @internal Marks `items` with `capped`. */
export function markCap<T>(items: T[]): WorksectionList<T> {
  return Object.defineProperty(items, 'capped', { value: items.length >= RECORD_CAP, enumerable: false }) as WorksectionList<T>;
}
