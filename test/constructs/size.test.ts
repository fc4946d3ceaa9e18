import { Size } from '../../constructs';

describe('Size', () => {
  test('converts between binary units', () => {
    expect(Size.gibibytes(1).toMebibytes()).toBe(1024);
    expect(Size.mebibytes(512).toBytes()).toBe(512 * 1024 * 1024);
  });

  test.each([
    ['512m', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['64k', 64 * 1024],
    ['10MB', 10 * 1024 ** 2],
    ['2GiB', 2 * 1024 ** 3],
    ['100b', 100],
  ])('parses Docker notation %s', (text, bytes) => {
    expect(Size.parse(text).toBytes()).toBe(bytes);
  });

  test.each(['', '1.5g', 'ten', '-1m', '10t'])('fails when parsing %p', (text) => {
    expect(() => Size.parse(text)).toThrow(/not a size/);
  });

  test.each([
    [Size.mebibytes(10), '10m'],
    [Size.gibibytes(1), '1g'],
    [Size.kibibytes(1536), '1536k'],
    [Size.bytes(100), '100b'],
  ])('renders %s as the shortest exact Docker string %s', (size, text) => {
    expect(size.toDockerString()).toBe(text);
  });

  test('fails when asked for whole MiB of a size that is not', () => {
    expect(Size.kibibytes(1536).isWholeMebibytes()).toBe(false);
    expect(() => Size.kibibytes(1536).toMebibytes()).toThrow(/whole number of MiB/);
  });

  test('fails when negative or fractional bytes', () => {
    expect(() => Size.mebibytes(-1)).toThrow(/>= 0/);
    expect(() => Size.bytes(0.5)).toThrow(/whole bytes/);
  });
});
