// The supervisor's device list: who used which device, and the revocation of a lost or handed-over one. The list and
// the revocation live on the endpoint, so the page needs the network; the revoked device learns it on its next sync.
import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DeviceSummary } from '@shared/api/devices';
import { formatDateTime } from '../../lib/time';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import { OnlineOnly, RemoteState, type RemoteTexts } from '../../components/RemoteState';
import { useRemote } from '../../hooks/useRemote';
import { DeviceIdentity, useDeviceName } from '../../components/DeviceIdentity';
import { useSignedIn } from '../../state/sessionStore';

interface DeviceList {
  devices: DeviceSummary[];
  /** The device this app runs on: marked, and not offered for revocation (the supervisor would lock themself out). */
  thisDeviceId: string;
}

const loadDevices = async (): Promise<DeviceList> => {
  const bridge = getBridge();
  const [{ devices }, info] = await Promise.all([bridge.call('devices.list'), bridge.getAppInfo()]);
  return { devices, thisDeviceId: info.deviceId };
};

const REMOTE_TEXTS: RemoteTexts = { offline: 'devices.offline', forbidden: 'devices.forbidden' };

const officerNames = (device: DeviceSummary, separator: string) => device.officers.map((o) => o.name).join(separator);

export default function DevicesPage() {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  return (
    <Card title={t('devices.title')}>
      <Typography.Paragraph type="secondary">
        {t(session.officer.role === 'admin' ? 'devices.introAll' : 'devices.intro')} {t('devices.onlineOnly')}
      </Typography.Paragraph>
      <OnlineOnly feature="devices" texts={REMOTE_TEXTS}>
        <DeviceTable />
      </OnlineOnly>
    </Card>
  );
}

function DeviceTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const deviceName = useDeviceName();
  const { remote, reload } = useRemote(useCallback(loadDevices, []));
  const [confirming, setConfirming] = useState<DeviceSummary | null>(null);
  const [revoking, setRevoking] = useState(false);

  if (remote.status !== 'ready') return <RemoteState feature="devices" texts={REMOTE_TEXTS} remote={remote} onRetry={reload} />;
  const { devices, thisDeviceId } = remote.data;

  const revoke = async (device: DeviceSummary) => {
    setRevoking(true);
    try {
      const revocation = await getBridge().call('devices.revoke', { params: { deviceId: device.deviceId } });
      message.success(t('devices.revoked', { count: revocation.sessionsRevoked }));
      setConfirming(null);
      reload();
    } catch (error) {
      message.error(t('devices.revokeFailed', { message: errorMessage(error) }));
    } finally {
      setRevoking(false);
    }
  };

  const columns: ColumnsType<DeviceSummary> = [
    {
      title: t('devices.device'),
      key: 'device',
      render: (_, device) => (
        <DeviceIdentity
          device={device}
          tags={
            device.deviceId === thisDeviceId && (
              <Tag color="blue" data-testid="this-device">
                {t('devices.thisDevice')}
              </Tag>
            )
          }
        />
      ),
    },
    {
      title: t('devices.officers'),
      key: 'officers',
      render: (_, device) => (
        <Space size={[0, 4]} wrap data-testid="device-officers">
          {device.officers.map((o) => (
            <Tag key={o.id}>{o.name}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('devices.lastSeen'),
      key: 'lastSeen',
      render: (_, device) => <span data-testid="device-last-seen">{formatDateTime(device.lastSeenAt)}</span>,
    },
    { title: t('devices.firstSeen'), key: 'firstSeen', responsive: ['lg'], render: (_, device) => formatDateTime(device.firstSeenAt) },
    { title: t('devices.sessions'), key: 'sessions', dataIndex: 'activeSessions', responsive: ['lg'] },
    {
      title: t('devices.state'),
      key: 'state',
      render: (_, device) =>
        device.revokedAt ? (
          <Tooltip title={t('devices.revokedDetail', { name: device.revokedBy?.name ?? '', time: formatDateTime(device.revokedAt) })}>
            <Tag color="red" data-testid="device-state">
              {t('devices.revokedState')}
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="green" data-testid="device-state">
            {t('devices.active')}
          </Tag>
        ),
    },
    {
      key: 'actions',
      render: (_, device) => {
        if (device.revokedAt) return null;
        const self = device.deviceId === thisDeviceId;
        return (
          <Tooltip title={self ? t('devices.thisDeviceHint') : undefined}>
            <Button
              danger
              size="small"
              icon={<StopOutlined />}
              disabled={self}
              data-testid="device-revoke"
              onClick={() => setConfirming(device)}
            >
              {t('devices.revoke')}
            </Button>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <>
      <Table
        rowKey="deviceId"
        data-testid="device-list"
        columns={columns}
        dataSource={devices}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('devices.empty')} /> }}
        onRow={(device) =>
          ({
            'data-testid': 'device-row',
            'data-device-id': device.deviceId,
            'data-state': device.revokedAt ? 'revoked' : 'active',
            'data-this-device': device.deviceId === thisDeviceId ? 'true' : 'false',
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
      />
      <Modal
        open={confirming !== null}
        title={t('devices.confirmTitle')}
        onCancel={() => setConfirming(null)}
        footer={
          <Space>
            <Button data-testid="device-revoke-cancel" disabled={revoking} onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              danger
              type="primary"
              loading={revoking}
              data-testid="device-revoke-confirm"
              onClick={() => confirming && void revoke(confirming)}
            >
              {t('devices.confirm')}
            </Button>
          </Space>
        }
      >
        {confirming && (
          <Typography.Paragraph data-testid="device-revoke-text">
            {t('devices.confirmText', {
              device: deviceName(confirming),
              officers: officerNames(confirming, t('devices.separator')),
            })}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
