import { formatProblem } from '../../constructs/errors';
import { PORT_MAX, PORT_MIN } from '../../constructs/limits';
import { Port, Protocol } from '../../constructs/port';
import { problemOf } from '../support/factory-error';

// A value type: tested without a stack.
describe('Port', () => {
  test('given the bounds, when made, then both are accepted', () => {
    expect(Port.tcp(PORT_MIN).number).toBe(PORT_MIN);
    expect(Port.udp(PORT_MAX)).toMatchObject({ number: PORT_MAX, protocol: Protocol.UDP });
  });

  test.each([
    ['one below the minimum', PORT_MIN - 1, /below the minimum 1; expected a whole number from 1 to 65535/],
    ['one above the maximum', PORT_MAX + 1, /above the maximum 65535/],
    ['negative', -1, /below the minimum/],
    ['a fraction', 80.5, /not a whole number/],
    ['NaN', Number.NaN, /NaN \(not a number\)/],
    ['Infinity', Number.POSITIVE_INFINITY, /not finite/],
    ['undefined (an unset environment variable)', undefined, /no number given/],
    ['null', null, /no number given/],
    ['a string', '80', /a string, not a number/],
  ])('fails when the port is %s, naming Port.tcp, the field, the value and the range', (_what, value, message) => {
    const problem = problemOf(() => Port.tcp(value as number));
    expect(problem).toMatchObject({ path: 'Port.tcp', field: 'port', message: expect.stringMatching(message) });
    expect(problem.value).toEqual(value);
    expect(problem.message).toContain(`from ${PORT_MIN} to ${PORT_MAX}`);
  });

  test('fails when a udp port is out of range, naming Port.udp', () => {
    expect(problemOf(() => Port.udp(0))).toMatchObject({ path: 'Port.udp', field: 'port', value: 0 });
  });

  test('given a port as text, when refused, then the fix gives the number to pass', () => {
    expect(formatProblem(problemOf(() => Port.tcp('8080' as unknown as number)))).toBe(
      '[props] Port.tcp: port = "8080": a string, not a number; expected a whole number from 1 to 65535. Fix: pass the number 8080 itself (convert text with Number(text) and check the result)',
    );
  });

  test('compares number and protocol', () => {
    expect(Port.tcp(53).equals(Port.tcp(53))).toBe(true);
    expect(Port.tcp(53).equals(Port.udp(53))).toBe(false);
    expect(Port.tcp(53).equals(Port.tcp(54))).toBe(false);
  });

  test('shows as number/protocol', () => {
    expect(`${Port.udp(53)}`).toBe('53/udp');
  });

  test('is recognised by its brand', () => {
    expect(Port.isPort(Port.tcp(1))).toBe(true);
    expect(Port.isPort({ number: 1, protocol: 'tcp' })).toBe(false);
  });
});
