"""Conformance: simple-salesforce against the leadcheck sandbox's Salesforce emulation, for
leads created the way Microsoft's connector creates them: a Web-to-Lead form post.

simple-salesforce builds https:// URLs from the instance, so this runs against the --tls sandbox
with REQUESTS_CA_BUNDLE set to its CA. The token comes from the client-credentials flow.

usage: salesforce.py ENDPOINTS_JSON
"""
import json
import sys

import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import SalesforceExpiredSession, SalesforceMalformedRequest


def main() -> None:
    sf_endpoints = json.load(open(sys.argv[1]))["salesforce"]
    email = "lctest_sfconf01_1+o'brien@example.com"
    form = {"oid": sf_endpoints["orgId"], "encoding": "UTF-8", "first_name": "Seán", "last_name": "O'Brien", "email": email,
            "company": "Smith & Sons", "country": "IE", "lead_source": "AzureMarketplace-INS|contoso.x",
            "description": "LCTEST_sfconf01_1 conformance"}
    posted = requests.post(sf_endpoints["webToLeadUrl"], data=form)
    assert posted.status_code == 200 and "text/html" in posted.headers["Content-Type"], posted.status_code

    # A missing Company is filled with "[not provided]" rather than refused (Salesforce KB 000171026).
    missing_company = dict(form, email="lctest_sfconf01_2@example.com", company="", description="LCTEST_sfconf01_2 conformance")
    assert requests.post(sf_endpoints["webToLeadUrl"], data=missing_company).status_code == 200
    # Invalid leads are answered 200 too, and silently not created: a value over its field's length...
    too_long = dict(form, email="lctest_sfconf01_4@example.com", first_name="x" * 41)
    assert requests.post(sf_endpoints["webToLeadUrl"], data=too_long).status_code == 200
    # ...or a wrong org id (debug=1 shows why).
    wrong_oid = dict(form, email="lctest_sfconf01_3@example.com", oid="00D000000000000", debug="1")
    debug = requests.post(sf_endpoints["webToLeadUrl"], data=wrong_oid)
    assert debug.status_code == 200 and "could not create this lead" in debug.text, debug.text

    token = requests.post(sf_endpoints["tokenUrl"], data={"grant_type": "client_credentials", "client_id": sf_endpoints["clientId"],
                                                          "client_secret": sf_endpoints["clientSecret"]}).json()
    sf = Salesforce(instance_url=token["instance_url"], session_id=token["access_token"])
    escaped = email.replace("\\", "\\\\").replace("'", "\\'")
    result = sf.query(f"SELECT Id, Email, FirstName, LastName, Company, LeadSource FROM Lead WHERE Email = '{escaped}'")
    assert result["totalSize"] == 1, result
    record = result["records"][0]
    assert record["FirstName"] == "Seán" and record["LastName"] == "O'Brien" and record["LeadSource"] == form["lead_source"], record
    for dropped in ("lctest_sfconf01_3@example.com", "lctest_sfconf01_4@example.com"):
        assert sf.query(f"SELECT Id FROM Lead WHERE Email = '{dropped}'")["totalSize"] == 0, dropped
    placeholder = sf.query("SELECT Id, Company FROM Lead WHERE Email = 'lctest_sfconf01_2@example.com'")
    assert placeholder["totalSize"] == 1 and placeholder["records"][0]["Company"] == "[not provided]", placeholder
    assert sf.query("SELECT Id FROM Lead WHERE Description LIKE 'LCTEST_sfconf01_%'")["totalSize"] == 2

    assert sf.Lead.delete(placeholder["records"][0]["Id"]) == 204
    assert sf.Lead.delete(record["Id"]) == 204
    assert sf.query(f"SELECT Id FROM Lead WHERE Email = '{escaped}'")["totalSize"] == 0

    try:
        sf.query("SELECT Id FROM Lead WHERE Email = 'unterminated")
        sys.exit("a malformed query was accepted")
    except SalesforceMalformedRequest:
        pass
    # SOQL: "Strings in WHERE clauses can't exceed 4,000 characters"; IN lists take many values.
    listed = [f"lctest_sfconf01_{n}@example.com" for n in range(1, 6)]
    assert sf.query("SELECT Id FROM Lead WHERE Email IN (" + ",".join(f"'{e}'" for e in listed) + ")")["totalSize"] == 0
    too_long = ",".join(f"'lctest_sfconf01_{n}@example.com'" for n in range(200))
    try:
        sf.query(f"SELECT Id FROM Lead WHERE Email IN ({too_long})")
        sys.exit("a WHERE clause over 4,000 characters was accepted")
    except SalesforceMalformedRequest:
        pass
    # sObject Collections delete: one DeleteResult per id; an id already deleted is not a success.
    gone = sf.restful(f"composite/sobjects?ids={record['Id']}&allOrNone=false", method="DELETE")
    assert gone == [{"id": record["Id"], "success": False, "errors": [{"statusCode": "ENTITY_IS_DELETED", "message": "entity is deleted", "fields": []}]}], gone
    try:
        Salesforce(instance_url=token["instance_url"], session_id="00Dnotatoken").query("SELECT Id FROM Lead")
        sys.exit("an invalid session was accepted")
    except SalesforceExpiredSession:
        pass
    bad = requests.post(sf_endpoints["tokenUrl"], data={"grant_type": "client_credentials", "client_id": sf_endpoints["clientId"], "client_secret": "wrong"})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_client", bad.text
    print("simple-salesforce: Web-to-Lead create, '[not provided]' company, silent drops (over-long value, wrong oid with debug), SOQL with O'Brien and LIKE, "
          "delete, IN lists and the 4,000-character WHERE limit, composite delete, malformed query, invalid session, wrong client secret: all as the real service")


if __name__ == "__main__":
    main()
