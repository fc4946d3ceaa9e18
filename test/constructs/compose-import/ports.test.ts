import { parsePort } from '../../../constructs/compose-import/ports';

describe('parsePort', () => {
  test.each<[string, unknown, unknown]>([
    ['a number', 80, [{ target: 80, protocol: 'tcp' }]],
    ['a container port as text', '80', [{ target: 80, protocol: 'tcp' }]],
    ['host:container', '8080:80', [{ target: 80, published: 8080, protocol: 'tcp' }]],
    ['ip:host:container/udp', '127.0.0.1:8080:80/udp', [{ target: 80, published: 8080, hostIp: '127.0.0.1', protocol: 'udp' }]],
    ['an explicit tcp', '8080:80/tcp', [{ target: 80, published: 8080, protocol: 'tcp' }]],
    ['ip::container (any free host port)', '127.0.0.1::80', [{ target: 80, hostIp: '127.0.0.1', protocol: 'tcp' }]],
    ['an IPv6 address in brackets', '[::1]:8080:80', [{ target: 80, published: 8080, hostIp: '::1', protocol: 'tcp' }]],
    ['equal ranges, one mapping per port', '8000-8002:9000-9002', [9000, 9001, 9002].map((target, i) => ({ target, published: 8000 + i, protocol: 'tcp' }))],
    ['a container range alone', '8000-8001', [{ target: 8000, protocol: 'tcp' }, { target: 8001, protocol: 'tcp' }]],
    ['a range of one port', '8000-8000:80-80', [{ target: 80, published: 8000, protocol: 'tcp' }]],
    ['the long form, defaults', { target: 80 }, [{ target: 80, protocol: 'tcp' }]],
    ['the long form, every field', { target: '80', published: '8080', host_ip: '127.0.0.1', protocol: 'udp' }, [{ target: 80, published: 8080, hostIp: '127.0.0.1', protocol: 'udp' }]],
    ['the long form, a number published', { target: 80, published: 8080 }, [{ target: 80, published: 8080, protocol: 'tcp' }]],
  ])('reads %s', (_what, value, expected) => {
    expect(parsePort(value)).toEqual(expected);
  });

  test.each<[string, unknown, string]>([
    ['an unknown protocol', '80/sctp', 'protocol sctp: only tcp and udp'],
    ['an unknown protocol in the long form', { target: 80, protocol: 'sctp' }, 'protocol sctp: only tcp and udp'],
    ['a host range in the long form', { target: 80, published: '8000-8002' }, 'published port 8000-8002 asks for any free host port of a range: publish one host port'],
    ['a host range for one container port', '8000-8002:80', '"8000-8002:80" asks for any free host port of a range: publish one host port'],
    ['ranges of different lengths', '8000-8001:80-82', '"8000-8001:80-82": the host and container ranges differ in length'],
    ['a reversed range', '8002-8000:80', '"8002-8000:80" is not a port mapping'],
    ['a container port that is no number', '8080:http', '"8080:http" is not a port mapping'],
    ['a host port that is no number', 'web:80', '"web:80" is not a port mapping'],
    ['an address where the host port belongs', '1.2.3.4:80', '"1.2.3.4:80" is not a port mapping'],
    ['too many parts', '1:2:3:4', '"1:2:3:4" is not a port mapping'],
    ['a container port with text around it', 'x80y', '"x80y" is not a port mapping'],
    ['null', null, '"null" is not a port mapping'],
  ])('refuses %s, saying why', (_what, value, why) => {
    expect(parsePort(value)).toBe(why);
  });
});
