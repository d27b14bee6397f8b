/** One hub method: the arguments it is invoked with and what its promise resolves to (void: no result). */
export interface HubMethod<Args extends unknown[], Result> {
  args: Args;
  result: Result;
}

/** The arguments of method K of a method map M. */
export type ArgsOf<M, K extends keyof M> = M[K] extends HubMethod<infer A, unknown> ? A : never;

/** The result of method K of a method map M. */
export type ResultOf<M, K extends keyof M> = M[K] extends HubMethod<unknown[], infer R> ? R : never;
