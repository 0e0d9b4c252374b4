// Compile-time assertions shared by the type tests.

/** True when X and Y are identical types (the strict, representation-sensitive check). */
export type Equal<X, Y> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2
    ? true
    : false

type IsAny<T> = 0 extends 1 & T ? true : false

/** True when X and Y are mutually assignable and neither is `any`. */
export type Same<X, Y> =
  IsAny<X> extends true
    ? false
    : IsAny<Y> extends true
      ? false
      : [X] extends [Y]
        ? [Y] extends [X]
          ? true
          : false
        : false

export function expectType<T extends true>(): T | void {}
