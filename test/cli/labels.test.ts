import { CDS_LABELS } from '../../cli/labels';
import { SERVICE_LABELS } from '../../constructs/service';

test('the CLI reads the labels the library writes (it keeps its own copy so as not to load the constructs)', () => {
  expect(CDS_LABELS).toEqual({ stack: SERVICE_LABELS.stack, service: SERVICE_LABELS.service });
});
