export type * from './operator-result.js';
export { operatorLoop, stopSignal, type OperatorLoopInput, type StopSignal } from './operator-loop.js';
export { readRunSnapshot } from './operator-snapshot.js';
export { operatorTick, type OperatorDeps, type OperatorTickInput } from './operator-tick.js';
