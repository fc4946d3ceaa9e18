import { PORT_MAX, PORT_MIN } from '../../constructs/limits';
import { Port, Protocol } from '../../constructs/port';

describe('Port', () => {
  test('accepts the bounds', () => {
    expect(Port.tcp(PORT_MIN).number).toBe(1);
    expect(Port.udp(PORT_MAX).protocol).toBe(Protocol.UDP);
  });

  test.each([0, 65536, 80.5, -1, Number.NaN])('fails when the port is %p', (n) => {
    expect(() => Port.tcp(n)).toThrow(/whole number from 1 to 65535/);
  });

  test('compares number and protocol', () => {
    expect(Port.tcp(53).equals(Port.tcp(53))).toBe(true);
    expect(Port.tcp(53).equals(Port.udp(53))).toBe(false);
  });
});
