/**
 * The facts of access.rules.ts as SQL conditions, for AccessRepository and for the statements that must answer
 * them themselves: a hot path's locked load (one round trip, issue 13) or a list filtered by scope. Each takes
 * SQL expressions (a column or a parameter such as `$2`) and returns a boolean condition.
 */

/** The user coordinates the site (R-26). */
export function coordinatesSite(siteId: string, userId: string): string {
  return `EXISTS (SELECT 1 FROM site_coordinator sc WHERE sc.site_id = ${siteId} AND sc.user_id = ${userId})`;
}

/** The agency is a party to the agreement (a site's agreement: the Bapas may use the site). */
export function partyToAgreement(agreementId: string, agencyId: string): string {
  return `EXISTS (SELECT 1 FROM agreement_party ap WHERE ap.agreement_id = ${agreementId} AND ap.agency_id = ${agencyId})`;
}

/** The user declared related to the person (R-27), whenever the relation was declared. */
export function relatedToPerson(personId: string, userId: string): string {
  return `EXISTS (SELECT 1 FROM conflict_of_interest ci WHERE ci.person_id = ${personId} AND ci.user_id = ${userId})`;
}

/**
 * maySeeSite as a condition on the site aliased `site` (with `admin` a boolean expression: the caller is one), for
 * a list of the sites a user sees.
 */
export function siteVisible(site: string, caller: { admin: string; agencyId: string; userId: string }): string {
  return `(${caller.admin} OR ${partyToAgreement(`${site}.agreement_id`, caller.agencyId)}
           OR ${coordinatesSite(`${site}.id`, caller.userId)})`;
}
