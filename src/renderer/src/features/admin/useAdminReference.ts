// Departments and units for the admin's forms and tables, from the endpoint (retired items and new units included).
import { useCallback } from 'react';
import { getBridge } from '../../platform/bridge';
import { useRemote } from '../../hooks/useRemote';

const loadReference = async () => {
  const bridge = getBridge();
  const [{ departments }, { units }] = await Promise.all([bridge.call('admin.departments.list'), bridge.call('admin.units.list')]);
  return { departments, units };
};

export function useAdminReference() {
  return useRemote(useCallback(loadReference, []));
}
