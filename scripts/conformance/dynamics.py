"""Conformance: msal (Microsoft's identity library) and plain requests, the way a Dataverse
integration is written, against the leadcheck sandbox's Entra + Dataverse emulation.

msal is pointed at the sandbox as a custom authority (validate_authority=False and no instance
discovery), reads its OpenID configuration document, and gets a client-credentials token; the
Web API calls are plain requests, as in Microsoft's Dataverse samples. Runs against the --tls
sandbox because msal requires HTTPS; REQUESTS_CA_BUNDLE points at the sandbox CA.

usage: dynamics.py ENDPOINTS_JSON
"""
import json
import sys

import msal
import requests


def main() -> None:
    endpoints = json.load(open(sys.argv[1]))
    dyn = endpoints["dynamics"]
    instance, tenant = dyn["instanceUrl"], dyn["tenantId"]

    def app(secret: str, tenant_id: str = tenant) -> msal.ConfidentialClientApplication:
        return msal.ConfidentialClientApplication(
            dyn["clientId"], client_credential=secret, authority=f"{instance}/{tenant_id}",
            validate_authority=False, instance_discovery=False,
        )

    result = app(dyn["clientSecret"]).acquire_token_for_client(scopes=[f"{instance}/.default"])
    assert "access_token" in result, result
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {result['access_token']}", "Accept": "application/json",
                            "OData-MaxVersion": "4.0", "OData-Version": "4.0"})
    api = f"{instance}/api/data/v9.2"
    lead = {"firstname": "Seán", "lastname": "O'Brien", "emailaddress1": "lctest_dynconf1_1+o'brien@example.com",
            "companyname": "Smith & Sons", "description": "LCTEST_dynconf1_1 conformance", "subject": "AzureMarketplace-INS|contoso.x",
            "leadsourcecode": 8}
    created = session.post(f"{api}/leads", json=lead, headers={"Prefer": "return=representation"})
    assert created.status_code == 201, (created.status_code, created.text)
    lead_id = created.json()["leadid"]
    plain = session.post(f"{api}/leads", json={"lastname": "Plain", "emailaddress1": "lctest_dynconf1_2@example.com"})
    assert plain.status_code == 204 and "OData-EntityId" in plain.headers, plain.headers

    escaped = lead["emailaddress1"].replace("'", "''")
    found = session.get(f"{api}/leads", params={"$select": "leadid,emailaddress1,lastname", "$filter": f"emailaddress1 eq '{escaped}'"})
    assert found.status_code == 200, found.text
    values = found.json()["value"]
    assert [v["leadid"] for v in values] == [lead_id], values
    assert values[0]["lastname"] == "O'Brien"

    too_long = session.post(f"{api}/leads", json={"lastname": "x" * 51})
    assert too_long.status_code == 400 and "0x80044331" in too_long.text, too_long.text

    assert session.delete(f"{api}/leads({lead_id})").status_code == 204
    assert session.get(f"{api}/leads({lead_id})").status_code == 404

    wrong = app("not-the-secret").acquire_token_for_client(scopes=[f"{instance}/.default"])
    assert wrong.get("error") == "invalid_client" and "AADSTS7000215" in wrong.get("error_description", ""), wrong
    try:
        unknown = app(dyn["clientSecret"], "00000000-0000-0000-0000-000000000000").acquire_token_for_client(scopes=[f"{instance}/.default"])
        assert "access_token" not in unknown and "AADSTS90002" in json.dumps(unknown), unknown
    except ValueError as error:  # msal may refuse while reading the unknown tenant's configuration
        assert "90002" in str(error) or "tenant" in str(error).lower(), error

    no_token = requests.get(f"{api}/leads")
    assert no_token.status_code == 401, no_token.status_code

    assert requests.put(f"{endpoints['inspection']}/faults", json={"faults": ["dynamics:missing-privilege"]}).status_code == 200
    # docs/reference/dynamics.md §5: 0x8004F502 (the docs' AttributePrivilegeCreateIsMissing, named in the
    # error's annotations when the client asks for them).
    denied = session.post(f"{api}/leads", json={"lastname": "Denied", "leadsourcecode": 8},
                          headers={"Prefer": 'odata.include-annotations="*"'})
    error = denied.json()["error"]
    assert denied.status_code == 403 and error["code"].lower() == "0x8004f502", denied.text
    assert error["@Microsoft.PowerApps.CDS.ErrorDetails.ApiExceptionMessageName"] == "AttributePrivilegeCreateIsMissing", denied.text
    print("msal + requests (Dataverse): token, create (both Prefer forms), filtered read with O'Brien, length limit, delete, "
          "invalid secret, unknown tenant, no token, missing privilege: all as the real service")


if __name__ == "__main__":
    main()
