"""Conformance: Microsoft's Logic Apps management SDK (azure-mgmt-logic) reads the runs of the
flow the sandbox's HTTPS sink runs, through the sandbox's Azure Resource Manager emulation.

A lead is posted to the trigger (with x-ms-client-tracking-id, as leadcheck sends it) of a
sandbox loaded with fixtures/flows/docs-parse-json.json; the SDK then gets the run by the id the
trigger answered, lists runs filtered by client tracking id and status (an unknown property is
refused) and lists the run's actions; Dataverse's flowruns are filtered the same way; the failed
action's outputsLink is fetched with plain requests. The token comes from msal, as in
dynamics.py. Runs against a --tls sandbox: azure-core refuses bearer tokens over http.

usage: logic_runs.py ENDPOINTS_JSON
"""
import json
import sys
import time

import msal
import requests
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ResourceNotFoundError
from azure.mgmt.logic import LogicManagementClient


class Token:
    """A TokenCredential over one token msal obtained."""

    def __init__(self, token: str) -> None:
        self.token = token

    def get_token(self, *scopes, **kwargs) -> AccessToken:
        return AccessToken(self.token, int(time.time()) + 3000)


def main() -> None:
    endpoints = json.load(open(sys.argv[1]))
    dyn = endpoints["dynamics"]
    instance, tenant = dyn["instanceUrl"], dyn["tenantId"]
    app = msal.ConfidentialClientApplication(dyn["clientId"], client_credential=dyn["clientSecret"], authority=f"{instance}/{tenant}",
                                             validate_authority=False, instance_discovery=False)
    result = app.acquire_token_for_client(scopes=[f"{instance}/.default"])
    assert "access_token" in result, result

    marker = "LCTEST_logconf1_1"
    lead = {"userDetails": {"firstName": "Ada", "email": f"{marker}@example.com"}, "leadSource": "AzureMarketplace",
            "actionCode": "INS", "offerTitle": "Contoso", "description": f"{marker} conformance"}
    posted = requests.post(endpoints["https"], json=lead, headers={"x-ms-client-tracking-id": marker})
    assert posted.status_code == 202, (posted.status_code, posted.text)
    run_id = posted.headers["x-ms-workflow-run-id"]
    assert posted.headers["x-ms-client-tracking-id"] == marker, posted.headers

    def client(token: str) -> LogicManagementClient:
        return LogicManagementClient(Token(token), "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345", base_url=instance,
                                     credential_scopes=[f"{instance}/.default"])

    logic = client(result["access_token"])
    run = logic.workflow_runs.get("leads", "sandbox", run_id)
    assert run.name == run_id and run.status == "Failed", run
    assert run.correlation.client_tracking_id == marker, run.correlation
    assert run.trigger.name == "manual", run.trigger

    listed = list(logic.workflow_runs.list("leads", "sandbox", filter=f"ClientTrackingId eq '{marker}'"))
    assert [r.name for r in listed] == [run_id], listed
    both = list(logic.workflow_runs.list("leads", "sandbox", filter=f"Status eq 'Failed' and ClientTrackingId eq '{marker}'"))
    assert [r.name for r in both] == [run_id], both
    assert list(logic.workflow_runs.list("leads", "sandbox", filter="Status eq 'Succeeded'")) == []
    try:
        list(logic.workflow_runs.list("leads", "sandbox", filter="Colour eq 'red'"))
        raise AssertionError("a filter on an unknown property was answered")
    except HttpResponseError as error:
        assert error.status_code == 400, error

    # Dataverse's flowruns (what run.powerAutomate reads), with plain requests: the filter is
    # OData, strings compare case-insensitively, and an unknown column or bad syntax is a 400.
    auth = {"Authorization": f"Bearer {result['access_token']}", "Accept": "application/json"}
    flowruns = f"{instance}/api/data/v9.2/flowruns"
    rows = requests.get(flowruns, params={"$filter": f"clienttrackingid eq '{marker.lower()}' and status eq 'Failed'"}, headers=auth)
    assert rows.status_code == 200 and [r["name"] for r in rows.json()["value"]] == [run_id], rows.text
    assert requests.get(flowruns, params={"$filter": "status eq 'Success'"}, headers=auth).json()["value"] == []
    for bad in ["colour eq 'red'", "name eq"]:
        refused = requests.get(flowruns, params={"$filter": bad}, headers=auth)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "0x80060888", (bad, refused.text)

    actions = {a.name: a for a in logic.workflow_run_actions.list("leads", "sandbox", run_id)}
    parse = actions["Parse_JSON"]
    assert parse.status == "Failed" and parse.code == "ValidationFailed", parse
    assert actions["Add_a_row_into_a_table"].status == "Skipped", actions
    outputs = requests.get(parse.outputs_link.uri)
    assert outputs.status_code == 200, outputs.text
    assert outputs.json()["errors"][0]["message"].startswith("Required properties are missing from object: UserDetails"), outputs.text
    forged = requests.get(parse.outputs_link.uri.replace("sig=", "sig=x"))
    assert forged.status_code == 401, forged.status_code

    try:
        client("not-a-token").workflow_runs.get("leads", "sandbox", run_id)
        raise AssertionError("a bad token was accepted")
    except ClientAuthenticationError as error:
        assert "InvalidAuthenticationToken" in str(error), error
    try:
        logic.workflow_runs.get("leads", "another-workflow", run_id)
        raise AssertionError("an unknown workflow was found")
    except ResourceNotFoundError as error:
        # A missing workflow answers WorkflowNotFound (a third-party capture, docs/reference/flows.md §7).
        assert "WorkflowNotFound" in str(error), error
    print("logic_runs: azure-mgmt-logic read the sandbox flow's run, runs filtered by client tracking id and status, and actions; flowruns filtered as Dataverse filters")


if __name__ == "__main__":
    main()
