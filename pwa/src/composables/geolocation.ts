// The phone's position, for a class venue: one high-accuracy reading, and
// when it fails, why, in a way the user can act on (allow it, go outdoors,
// try again, or type the coordinates).
export type GeoFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported'

export class GeoError extends Error {
  constructor(public reason: GeoFailure) {
    super(reason)
  }
}

export interface Position {
  latitude: number
  longitude: number
  /** Metres, as the device estimates it. */
  accuracy: number
}

// GeolocationPositionError's codes.
const PERMISSION_DENIED = 1
const TIMEOUT = 3

/** locate asks for one fresh, high-accuracy position; it rejects with a GeoError. */
export function locate(geo: Geolocation | undefined = globalThis.navigator?.geolocation, timeoutMs = 20_000): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!geo) return reject(new GeoError('unsupported'))
    geo.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) => reject(new GeoError(e.code === PERMISSION_DENIED ? 'denied' : e.code === TIMEOUT ? 'timeout' : 'unavailable')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    )
  })
}

/** coordinate shows degrees rounded to 5 decimals (about a metre), without trailing zeros: 34.750004 -> "34.75". */
export function coordinate(deg: number): string {
  return String(Number(deg.toFixed(5)))
}

/** inRange reports whether text is a number within [min, max] (an empty text is not). */
export function inRange(text: string, min: number, max: number): boolean {
  const n = Number(text)
  return text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max
}
