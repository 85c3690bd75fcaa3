// The check-in records an officer makes: from the device's position, a point picked on the map, or a typed place.
import { checkInLocationSource, type CheckIn, type CheckInLocationSource, type GeoPoint } from '@shared/domain/model';

/** The i18n key naming where a check-in's location came from, on the form and in the printed record. */
const SOURCE_LABELS: Record<CheckInLocationSource, string> = {
  device: 'components.section.locationDevice',
  map: 'components.section.locationMap',
  typed: 'components.section.locationTyped',
};

export const locationSourceLabel = (checkIn: CheckIn): string => SOURCE_LABELS[checkInLocationSource(checkIn)];

/** "121.39, 37.52" typed as the place is kept as coordinates too. */
export function typedLocation(place: string): GeoPoint | null {
  const match = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，]\s*(-?\d{1,2}(?:\.\d+)?)\s*$/.exec(place);
  if (!match) return null;
  const lng = Number(match[1]);
  const lat = Number(match[2]);
  return Math.abs(lng) <= 180 && Math.abs(lat) <= 90 ? { lng, lat } : null;
}

export function deviceCheckIn(at: string, position: GeoPoint, accuracyM: number): CheckIn {
  return { at, location: position, accuracyM: Math.round(accuracyM), place: '', source: 'device', locationSource: 'device' };
}

export function typedCheckIn(at: string, place: string): CheckIn {
  return { at, location: typedLocation(place), accuracyM: null, place: place.trim(), source: 'typed', locationSource: 'typed' };
}

/**
 * A point the officer picked on the map. Officer-provided, so `source` stays 'typed' for version-1 clients. A place
 * described beside it is kept, typed coordinates are superseded by the pick. Six decimals (about 0.1 m) is far finer
 * than a click on the map can be.
 */
export function mapCheckIn(at: string, point: GeoPoint, place = ''): CheckIn {
  const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
  const description = typedLocation(place) ? '' : place.trim();
  return {
    at,
    location: { lng: round(point.lng), lat: round(point.lat) },
    accuracyM: null,
    place: description,
    source: 'typed',
    locationSource: 'map',
  };
}
