import { PORT_MAX, PORT_MIN } from './limits';
import { numberProblem, throwArgument } from './private/arguments';
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

  /** A TCP port, a whole number from 1 to 65535. */
  static tcp(port: number): Port {
    return new Port(port, Protocol.TCP);
  }
  /** A UDP port, a whole number from 1 to 65535. */
  static udp(port: number): Port {
    return new Port(port, Protocol.UDP);
  }

  private constructor(
    public readonly number: number,
    public readonly protocol: Protocol,
  ) {
    const problem = numberProblem(number, { min: PORT_MIN, max: PORT_MAX, whole: true });
    if (problem) throwArgument(`Port.${protocol}`, 'port', number, problem);
  }

  equals(other: Port): boolean {
    return this.number === other.number && this.protocol === other.protocol;
  }

  toString(): string {
    return `${this.number}/${this.protocol}`;
  }
}
brand(Port.prototype, 'Port');
