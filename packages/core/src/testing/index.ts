/** Test utilities shared by every package: real servers, throwaway databases, the real CLI. */
export * from './servers';
export * from './databases';
export * from './cli';
