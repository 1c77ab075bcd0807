// The size bands of the dashboard's unmet needs (ADR 099), shared by the loader and the tables (no
// server code here: the tables module reaches the browser bundle through dashboard-forms).

/** Size bands of unmet needs other than land, in ㎡: upper bounds, each in the band it closes (dashboard_size_band, migration 063); the last band is open. */
export const SIZE_BANDS = [1000, 3000, 5000, 10000, 20000] as const;
/** Size bands of unmet LAND needs, in 亩 (1 亩 = 2000/3 ㎡), the same way (dashboard_land_bands_mu, migration 073): land is spoken of in 亩. */
export const LAND_BANDS_MU = [10, 20, 50, 100, 200] as const;
