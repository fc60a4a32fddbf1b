export { createWiring, type Wiring, type WiringOptions } from './wiring.js';
export {
  createMetawsm,
  type CommitOptions,
  type CreateRunOptions,
  type Metawsm,
  type MetawsmOptions,
  type PrOptions,
  type ReviewSyncOptions,
  type StatusResult,
} from './metawsm.js';
