import { PORT_MAX, PORT_MIN } from './limits';
import { brand, hasBrand } from './private/brand';

/** Transport protocol of a port. */
export enum Protocol {
  TCP = 'tcp',
  UDP = 'udp',
}

/** A TCP or UDP port number, validated once. */
export class Port {
  /** True for a Port of any installed copy of this library (a brand check, not `instanceof`). */
  static isPort(value: unknown): value is Port {
    return hasBrand(value, 'Port');
  }

  static tcp(port: number): Port {
    return new Port(port, Protocol.TCP);
  }
  static udp(port: number): Port {
    return new Port(port, Protocol.UDP);
  }

  private constructor(
    public readonly number: number,
    public readonly protocol: Protocol,
  ) {
    if (!Number.isInteger(number) || number < PORT_MIN || number > PORT_MAX) {
      throw new Error(`Port.${protocol}(${number}): a port is a whole number from ${PORT_MIN} to ${PORT_MAX}`);
    }
  }

  equals(other: Port): boolean {
    return this.number === other.number && this.protocol === other.protocol;
  }

  toString(): string {
    return `${this.number}/${this.protocol}`;
  }
}
brand(Port.prototype, 'Port');
