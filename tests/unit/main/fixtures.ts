import type { LoginResponse } from '@shared/api/contract';

export const loginResponse: LoginResponse = {
  token: 'tok_0123456789abcdefghijklmnopqrstuvwxyz',
  officer: { id: 'officer-inspector01', name: '王敏', departmentId: 'dept-samr', unitId: 'unit-zhifu', role: 'inspector' },
  expiresAt: '2030-01-01T08:00:00.000Z',
};
