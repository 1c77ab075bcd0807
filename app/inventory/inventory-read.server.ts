import type { Sql, TransactionSql } from "~/db/db.server";
import type { ParkRow, SpaceRow } from "../../search/space-document";

/** Spaces joined with their parks, as the search documents and the matcher need them. */
export async function loadSpaceRows(sql: Sql | TransactionSql, filter: { spaceIds?: string[]; parkIds?: string[] } = {}): Promise<SpaceRow[]> {
  if (filter.spaceIds?.length === 0 || filter.parkIds?.length === 0) return [];
  return sql<SpaceRow[]>`
    select s.id, s.park_id, s.kind, s.deals, s.title, s.area_sqm, s.divisible_min_sqm, s.floors, s.single_storey, s.ceiling_m,
           s.floor_load_kg, s.power_kva, s.crane_t, s.rent_yuan_per_sqm_month, s.price_yuan_per_sqm, s.land_price_wan_per_mu,
           to_char(s.available_from, 'YYYY-MM-DD') as available_from, s.status, s.notes,
           p.name as park_name, p.district as park_district, p.district_code as park_district_code, p.industries as park_industries, p.excluded_industries as park_excluded,
           p.min_tax_per_mu_wan, p.min_investment_per_mu_wan, p.min_tax_per_1000sqm_wan, p.lat, p.lng
    from spaces s join parks p on p.id = s.park_id
    where true
      ${filter.spaceIds ? sql`and s.id in ${sql(filter.spaceIds)}` : sql``}
      ${filter.parkIds ? sql`and s.park_id in ${sql(filter.parkIds)}` : sql``}
    order by s.id`;
}

export async function loadParkRows(sql: Sql | TransactionSql, parkIds?: string[]): Promise<ParkRow[]> {
  if (parkIds?.length === 0) return [];
  return sql<ParkRow[]>`
    select p.id, p.name, p.province, p.city, p.district, p.district_code, p.address, p.lat, p.lng, p.industries, p.excluded_industries,
           p.min_tax_per_mu_wan, p.min_investment_per_mu_wan, p.min_tax_per_1000sqm_wan, p.policies,
           (select count(*)::int from spaces s where s.park_id = p.id and s.status = 'available') as available_spaces
    from parks p
    where true ${parkIds ? sql`and p.id in ${sql(parkIds)}` : sql``}
    order by p.id`;
}
