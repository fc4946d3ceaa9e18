import { BadInput } from './case';
import { CLASH_CASES } from './cases/clashes';
import { HEALTH_CHECK_CASES } from './cases/health-checks';
import { ID_CASES } from './cases/ids';
import { PROPS_CASES } from './cases/props';
import { SECRET_CASES } from './cases/secrets';
import { VALUE_FACTORY_CASES } from './cases/value-factories';
import { WIRING_CASES } from './cases/wiring';

export { CONTROLS } from './cases/controls';

/** Every bad input of the catalogue, in report order. */
export const BAD_INPUTS: readonly BadInput[] = [...VALUE_FACTORY_CASES, ...PROPS_CASES, ...ID_CASES, ...CLASH_CASES, ...WIRING_CASES, ...SECRET_CASES, ...HEALTH_CHECK_CASES];

const duplicates = BAD_INPUTS.map((c) => c.name).filter((name, i, all) => all.indexOf(name) !== i);
if (duplicates.length > 0) throw new Error(`bad-input catalogue: duplicate case names ${duplicates.join(', ')}`);
