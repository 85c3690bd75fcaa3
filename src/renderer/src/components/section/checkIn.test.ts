import { describe, expect, it } from 'vitest';
import { checkInLocationSource, checkInSchema, checkInSourceSchema } from '@shared/domain/model';
import { deviceCheckIn, locationSourceLabel, mapCheckIn, typedCheckIn, typedLocation } from './checkIn';

const at = '2025-05-06T09:00:00.000+08:00';

describe('check-in records', () => {
  it('keeps typed coordinates as a location, and only plausible ones', () => {
    expect(typedLocation('121.39, 37.52')).toEqual({ lng: 121.39, lat: 37.52 });
    expect(typedLocation('121.39，37.52')).toEqual({ lng: 121.39, lat: 37.52 });
    expect(typedLocation('181, 37')).toBeNull();
    expect(typedLocation('烟台市芝罘区南大街 1 号')).toBeNull();
    expect(typedCheckIn(at, '  南大街 1 号 ')).toEqual({
      at,
      location: null,
      accuracyM: null,
      place: '南大街 1 号',
      source: 'typed',
      locationSource: 'typed',
    });
  });

  it('marks a map pick as picked on the map, with a source version-1 clients accept', () => {
    const picked = mapCheckIn(at, { lng: 121.391234567, lat: 37.521234567 });
    expect(picked).toEqual({
      at,
      location: { lng: 121.391235, lat: 37.521235 },
      accuracyM: null,
      place: '',
      source: 'typed',
      locationSource: 'map',
    });
    expect(checkInLocationSource(picked)).toBe('map');
    expect(checkInSchema.parse(picked)).toEqual(picked);
    // An old client validates `source` alone (zod drops the field it does not know) and still accepts the record.
    expect(checkInSourceSchema.safeParse(picked.source).success).toBe(true);
    expect(checkInSchema.omit({ locationSource: true }).parse(picked)).not.toHaveProperty('locationSource');
    expect(locationSourceLabel(picked)).toBe('components.section.locationMap');
    // A described place stays beside the pick; typed coordinates give way to it.
    expect(mapCheckIn(at, { lng: 121, lat: 37 }, ' 南大街 1 号 ').place).toBe('南大街 1 号');
    expect(mapCheckIn(at, { lng: 121, lat: 37 }, '121.39, 37.52')).toMatchObject({ place: '', location: { lng: 121, lat: 37 } });
  });

  it('reads the source of records made before locationSource existed', () => {
    expect(checkInLocationSource({ source: 'device' })).toBe('device');
    expect(checkInLocationSource({ source: 'typed' })).toBe('typed');
    expect(locationSourceLabel({ at, location: null, accuracyM: null, place: 'x', source: 'typed' })).toBe(
      'components.section.locationTyped',
    );
    expect(locationSourceLabel({ at, location: { lng: 121, lat: 37 }, accuracyM: 5, place: '', source: 'device' })).toBe(
      'components.section.locationDevice',
    );
    expect(checkInLocationSource(deviceCheckIn(at, { lng: 121.4, lat: 37.5 }, 12.6))).toBe('device');
    expect(deviceCheckIn(at, { lng: 121.4, lat: 37.5 }, 12.6).accuracyM).toBe(13);
    expect(checkInSchema.safeParse({ ...typedCheckIn(at, 'x'), locationSource: 'satellite' }).success).toBe(false);
  });
});
