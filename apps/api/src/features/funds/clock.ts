/**
 * The funds feature's clock is the API's one clock (`src/clock.ts`): re-exported here for the
 * feature's services and tests, which spy on `clock.now`.
 */
export { clock, thisMonth, today } from '../../clock';
