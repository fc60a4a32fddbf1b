// The public surface of @metawsm/adapters and its subpath entry points: a change here is an API change.
it.each([
  'index',
  'git/index',
  'git/select-engine',
  'github/index',
  'store/index',
  'store/postgres/index',
  'system/index',
  'wiring/index',
])('@metawsm/adapters %s exports', async (entry) => {
  expect(Object.keys((await import(`../src/${entry}.js`)) as object).sort()).toMatchSnapshot();
});
