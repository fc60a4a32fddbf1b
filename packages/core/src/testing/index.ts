/** In-memory fakes and builders for tests of code that uses @metawsm/core. */
export {};
