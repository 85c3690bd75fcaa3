// Picking the place of a check-in on the map, where the device has no position: the offline district outlines (and the
// tile server of the map setting, when reachable), centred on the enterprise; a click places the marker.
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import { Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GeoPoint } from '@shared/domain/model';
import { addDistrictOutlines, addTileLayerWhenReachable, storedTileUrl } from '../../lib/baseLayer';

export interface CheckInMapPickerProps {
  open: boolean;
  /** Where the map opens: the enterprise's registered location when known, else the whole city. */
  centre: GeoPoint | null;
  /** A point already recorded, shown as the marker to start from. */
  initial: GeoPoint | null;
  onCancel(): void;
  onConfirm(point: GeoPoint): void;
}

// Not interactive: a click on the marker moves it like any click on the map.
const MARKER_STYLE: L.CircleMarkerOptions = {
  interactive: false,
  radius: 9,
  color: '#fff',
  weight: 3,
  fillColor: '#c8102e',
  fillOpacity: 1,
};

function PickMap({ centre, initial, onPick }: { centre: GeoPoint | null; initial: GeoPoint | null; onPick(point: GeoPoint): void }) {
  const container = useRef<HTMLDivElement>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;

  // The map is made once per opening of the dialog, from the centre and point it was opened with.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const m = L.map(el, { minZoom: 7, maxZoom: 18, preferCanvas: true });
    const { layer } = addDistrictOutlines(m);
    const start = initial ?? centre;
    if (start) m.setView([start.lat, start.lng], 15);
    else m.fitBounds(layer.getBounds());
    let marker: L.CircleMarker | null = null;
    const place = (point: GeoPoint) => {
      if (marker) marker.setLatLng([point.lat, point.lng]);
      else marker = L.circleMarker([point.lat, point.lng], MARKER_STYLE).addTo(m);
      el.dataset.picked = `${point.lng},${point.lat}`;
    };
    if (initial) place(initial);
    m.on('click', (event: L.LeafletMouseEvent) => {
      const point = { lng: event.latlng.lng, lat: event.latlng.lat };
      place(point);
      onPickRef.current(point);
    });
    const removeTiles = addTileLayerWhenReachable(m, storedTileUrl().trim() || null, (status) => {
      el.dataset.tiles = status;
    });
    // The dialog follows the window's size.
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(el);
    el.dataset.state = 'ready';
    return () => {
      resize.disconnect();
      removeTiles();
      m.remove();
    };
  }, []);

  return (
    <div
      ref={container}
      className="check-in-map"
      data-testid="check-in-map"
      data-state="loading"
      data-centred={centre && !initial ? 'enterprise' : ''}
    />
  );
}

/** Made when opened and dropped when closed, so every opening starts from the recorded point (or none). */
export function CheckInMapPicker(props: CheckInMapPickerProps) {
  return props.open ? <PickerDialog {...props} /> : null;
}

function PickerDialog({ centre, initial, onCancel, onConfirm }: CheckInMapPickerProps) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<GeoPoint | null>(initial);
  // Leaflet measures its container when made: the map waits until the dialog has finished its opening animation.
  const [opened, setOpened] = useState(false);
  const confirm = useRef<() => void>(() => {});
  confirm.current = () => {
    if (picked) onConfirm(picked);
  };

  // Enter confirms wherever the focus is in the dialog (on the map after a click, or on the dialog itself), except on
  // a button or a field, which act themselves. Esc is the dialog's own cancel.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.isComposing || (event.target as HTMLElement | null)?.closest('button, input, textarea')) return;
      event.preventDefault();
      confirm.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Modal
      open
      width={720}
      title={t('components.section.mapPickTitle')}
      onCancel={onCancel}
      afterOpenChange={setOpened}
      footer={
        <Space>
          <Button data-testid="check-in-map-cancel" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" data-testid="check-in-map-confirm" disabled={!picked} onClick={() => confirm.current()}>
            {t('components.section.mapPickConfirm')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('components.section.mapPickHint')}
        {centre && !initial ? ` ${t('components.section.mapPickCentre')}` : ''}
      </Typography.Paragraph>
      {opened ? (
        <PickMap centre={centre} initial={initial} onPick={setPicked} />
      ) : (
        <div className="check-in-map" data-testid="check-in-map" data-state="loading" />
      )}
      <Typography.Text className="mono" data-testid="check-in-map-point">
        {picked ? `${picked.lng.toFixed(5)}, ${picked.lat.toFixed(5)}` : t('components.section.mapPickNone')}
      </Typography.Text>
    </Modal>
  );
}
