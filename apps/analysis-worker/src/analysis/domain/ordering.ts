/** Code-unit order of ids: the same in every locale and runtime, so results never depend on where they ran. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
