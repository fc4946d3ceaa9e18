import { PORT_MAX, PORT_MIN } from './limits';
import { numberProblem, throwArgument } from './private/arguments';
import { brand, hasBrand } from './private/brand';

/** Transport protocol of a port. */
export enum Protocol {
  /** Connections: HTTP, databases, most services. */
  TCP = 'tcp',
  /** Datagrams: DNS, syslog, metrics agents. */
  UDP = 'udp',
}

/** A TCP or UDP port number, validated once. */
export class Port {
  /** True for a Port of any installed copy of this library (a brand check, not `instanceof`). */
  static isPort(this: void, value: unknown): value is Port {
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
    /** The port number, a whole number from 1 to 65535. */
    public readonly number: number,
    /** TCP or UDP: a TCP and a UDP port with the same number are distinct. */
    public readonly protocol: Protocol,
  ) {
    const problem = numberProblem(number, { min: PORT_MIN, max: PORT_MAX, whole: true });
    if (problem) throwArgument(`Port.${protocol}`, 'port', number, problem);
  }

  /** True when number and protocol are both the same. */
  equals(other: Port): boolean {
    return this.number === other.number && this.protocol === other.protocol;
  }

  /** `<number>/<protocol>`, as Docker writes a port: `8000/tcp`. */
  toString(): string {
    return `${this.number}/${this.protocol}`;
  }
}
brand(Port.prototype, 'Port');
