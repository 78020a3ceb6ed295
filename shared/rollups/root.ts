/** @module The rollups' prefix in the report bucket (the only prefix the API function may read). */
export const ROLLUPS_ROOT = 'rollups/'
