/**
 * How Change Radar reads an on/off environment variable such as `CHANGE_RADAR_NO_CACHE`: set, and
 * neither empty nor `0`, is on. One reading for every switch (the parse cache, the code cache).
 */
export function switchedOn(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0';
}
