"""Conformance: marketorestpython against the leadcheck sandbox's Marketo emulation.

Leads are created with Submit Form, as today's connector most likely does (docs/reference/marketo.md
§1), then marketorestpython gets a token, reads them by email and deletes them. Its host is
built from the Munchkin ID, so it is pointed at the sandbox through its `host` attribute.

usage: marketo.py ENDPOINTS_JSON
"""
import json
import sys

import requests
from marketorestpython.client import MarketoClient


def main() -> None:
    endpoints = json.load(open(sys.argv[1]))
    mk = endpoints["marketo"]
    token = requests.get(f"{mk['baseUrl']}/identity/oauth/token",
                         params={"grant_type": "client_credentials", "client_id": mk["clientId"], "client_secret": mk["clientSecret"]}).json()
    assert token["token_type"] == "bearer" and token["expires_in"] > 3000, token
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    email = "lctest_mkconf01_1+obrien@example.com"
    fields = {"firstName": "Seán", "lastName": "O'Brien", "email": email, "company": "Smith & Sons",
              "leadSource": "AzureMarketplace-INS|contoso.x"}
    submitted = requests.post(f"{mk['baseUrl']}/rest/v1/leads/submitForm.json", headers=headers,
                              json={"formId": mk["formId"], "input": [{"leadFormFields": fields}]}).json()
    assert submitted["success"] is True and submitted["result"][0]["status"] == "created", submitted
    not_on_form = requests.post(f"{mk['baseUrl']}/rest/v1/leads/submitForm.json", headers=headers,
                                json={"formId": mk["formId"], "input": [{"leadFormFields": dict(fields, favouriteColour="blue")}]}).json()
    assert not_on_form["result"][0]["status"] == "skipped" and not_on_form["result"][0]["reasons"][0]["code"] == "1006", not_on_form
    bad_json = requests.post(f"{mk['baseUrl']}/rest/v1/leads.json", headers=dict(headers, **{"Content-Type": "application/json"}), data="{nope")
    assert bad_json.status_code == 200 and bad_json.json()["errors"][0]["code"] == "609", bad_json.text
    no_token = requests.get(f"{mk['baseUrl']}/rest/v1/leads.json", params={"filterType": "email", "filterValues": email}).json()
    assert no_token["success"] is False and no_token["errors"][0]["code"] == "601", no_token

    mc = MarketoClient(mk["munchkinId"], mk["clientId"], mk["clientSecret"])
    mc.host = mk["baseUrl"]
    leads = mc.execute(method="get_multiple_leads_by_filter_type", filterType="email", filterValues=[email],
                       fields=["id", "email", "firstName", "lastName", "leadSource"])
    assert len(leads) == 1 and leads[0]["lastName"] == "O'Brien" and leads[0]["firstName"] == "Seán", leads
    deleted = mc.execute(method="delete_lead", id=[leads[0]["id"]])
    assert deleted == [{"id": leads[0]["id"], "status": "deleted"}], deleted
    assert mc.execute(method="get_multiple_leads_by_filter_type", filterType="email", filterValues=[email]) == []

    wrong = MarketoClient(mk["munchkinId"], mk["clientId"], "wrong-secret")
    wrong.host = mk["baseUrl"]
    try:
        wrong.execute(method="get_multiple_leads_by_filter_type", filterType="email", filterValues=[email])
        sys.exit("a wrong client secret was accepted")
    except Exception as error:  # marketorestpython raises a bare Exception with the description
        assert "Bad client credentials" in str(error), error
    print("marketorestpython: token, submitForm create, field not on form (1006), invalid JSON (609), no token (601), "
          "read by email, delete, wrong secret: all as the real service")


if __name__ == "__main__":
    main()
