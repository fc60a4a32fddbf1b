// The public surface of @metawsm/core and @metawsm/core/testing: a change here is an API change.
it('@metawsm/core exports', async () => {
  expect(Object.keys(await import('../src/index.js')).sort()).toMatchSnapshot();
});

it('@metawsm/core/testing exports', async () => {
  expect(Object.keys(await import('../src/testing/index.js')).sort()).toMatchSnapshot();
});
