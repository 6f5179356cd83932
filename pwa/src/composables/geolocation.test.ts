// "Use my location": the reading the form fills in, and each way it can fail.
import { describe, expect, it, vi } from 'vitest'
import { coordinate, GeoError, inRange, locate } from './geolocation'

const fails = (code: number) =>
  ({ getCurrentPosition: (_ok: PositionCallback, err?: PositionErrorCallback | null) => err?.({ code } as GeolocationPositionError) }) as unknown as Geolocation

describe('locate', () => {
  it('asks for a fresh high-accuracy reading with a timeout', async () => {
    const getCurrentPosition = vi.fn((ok: PositionCallback, _err?: PositionErrorCallback | null, _opts?: PositionOptions) =>
      ok({ coords: { latitude: 34.7500042, longitude: 113.62, accuracy: 12 } } as GeolocationPosition))
    const p = await locate({ getCurrentPosition } as unknown as Geolocation, 5000)
    expect(p).toEqual({ latitude: 34.7500042, longitude: 113.62, accuracy: 12 })
    expect(getCurrentPosition.mock.calls[0][2]).toMatchObject({ enableHighAccuracy: true, timeout: 5000 })
  })

  it('says why it failed', async () => {
    const reason = (g: Geolocation | undefined) => locate(g).catch((e: GeoError) => e.reason)
    expect(await reason(fails(1))).toBe('denied')
    expect(await reason(fails(2))).toBe('unavailable')
    expect(await reason(fails(3))).toBe('timeout')
    expect(await reason(undefined)).toBe('unsupported')
  })
})

describe('the coordinates in the form', () => {
  it('are rounded to about a metre', () => {
    expect(coordinate(34.7500042)).toBe('34.75')
    expect(coordinate(113.6253449)).toBe('113.62534')
  })
  it('must lie within China', () => {
    expect(inRange('34.75', 3.8, 53.6)).toBe(true)
    expect(inRange('', 3.8, 53.6)).toBe(false)
    expect(inRange('0', 3.8, 53.6)).toBe(false)
    expect(inRange('abc', 73.4, 135.1)).toBe(false)
  })
})
