import { decodeJwtSegment } from '../../src/shared/jwt-payload';

const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('decodeJwtSegment', () => {
  it('decodes a base64url JSON object without verifying anything', () => {
    expect(decodeJwtSegment(segment({ scopes: ['projects_read'] }))).toEqual({ scopes: ['projects_read'] });
  });

  it('gives undefined for what is not base64url JSON of an object', () => {
    for (const bad of ['', 'not base64!', segment([1]), segment('x'), Buffer.from('{').toString('base64url')]) {
      expect(decodeJwtSegment(bad)).toBeUndefined();
    }
  });
});
