"""Conformance: Microsoft's own azure-data-tables client against the leadcheck sandbox.

usage: azure_tables.py ENDPOINTS_JSON
Exits non-zero with a message on the first behaviour that differs from the real service.
"""
import json
import sys
import uuid

from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ResourceExistsError, ResourceNotFoundError
from azure.data.tables import TableServiceClient


def code_of(error: Exception) -> str:
    """The service's error code: the SDK's attribute when it sets one, else the JSON body's
    odata.error.code — where the real service puts it: its JSON errors carry no x-ms-error-code
    header (docs/reference/azure-table.md §8), and the SDK leaves error_code unset on some paths."""
    code = getattr(error, "error_code", None)
    if code:
        return str(getattr(code, "value", code))
    response = getattr(error, "response", None)
    if response is None:
        return ""
    try:
        return json.loads(response.text())["odata.error"]["code"]
    except (ValueError, KeyError, TypeError):
        return response.headers.get("x-ms-error-code", "")


def main() -> None:
    endpoints = json.load(open(sys.argv[1]))
    connection_string = endpoints["azureTable"]["connectionString"]
    service = TableServiceClient.from_connection_string(connection_string)
    name = "Conformance" + uuid.uuid4().hex[:8]
    table = service.create_table(name)
    try:
        service.create_table(name)
        sys.exit("creating an existing table did not fail")
    except ResourceExistsError as error:
        assert code_of(error) == "TableAlreadyExists", code_of(error)

    entity = {
        "PartitionKey": "11:2F24:2F2026",
        "RowKey": str(uuid.uuid4()),
        "ActionCode": "INS",
        "CustomerInfo": json.dumps({"FirstName": "太郎", "LastName": "O'Brien", "Email": "lctest_conf0001_1@example.com"}),
        "Description": "LCTEST_conf0001_1 conformance",
        "LeadSource": "AzureMarketplace-INS|contoso.offer",
        "OfferDisplayName": "Contoso",
    }
    table.create_entity(entity)
    try:
        table.create_entity(entity)
        sys.exit("inserting a duplicate entity did not fail")
    except ResourceExistsError as error:
        assert code_of(error) == "EntityAlreadyExists", code_of(error)

    got = table.get_entity(entity["PartitionKey"], entity["RowKey"])
    for key in ("ActionCode", "CustomerInfo", "Description", "LeadSource", "OfferDisplayName"):
        assert got[key] == entity[key], (key, got[key], entity[key])

    for i in range(5):
        table.create_entity({"PartitionKey": "p2", "RowKey": f"r{i}", "Description": f"n{i}"})
    found = list(table.query_entities("PartitionKey eq 'p2' and RowKey gt 'r1'"))
    assert [e["RowKey"] for e in found] == ["r2", "r3", "r4"], found
    quoted = list(table.query_entities("RowKey eq @rk", parameters={"rk": entity["RowKey"]}))
    assert len(quoted) == 1, quoted
    paged = list(table.list_entities(results_per_page=2))
    assert len(paged) == 6, len(paged)

    table.delete_entity(entity["PartitionKey"], entity["RowKey"])
    try:
        table.get_entity(entity["PartitionKey"], entity["RowKey"])
        sys.exit("a deleted entity was still there")
    except ResourceNotFoundError:
        pass

    bad = connection_string.replace(endpoints["azureTable"]["key"], "d3JvbmdrZXl3cm9uZ2tleXdyb25na2V5d3Jvbmdr")
    try:
        TableServiceClient.from_connection_string(bad).get_table_client(name).create_entity({"PartitionKey": "x", "RowKey": "y"})
        sys.exit("a wrong account key was accepted")
    except (ClientAuthenticationError, HttpResponseError) as error:
        assert code_of(error) == "AuthenticationFailed", code_of(error)

    service.delete_table(name)
    print("azure-data-tables: create, duplicate, insert, duplicate entity, get, filtered and paged query, delete, wrong key: all as the real service")


if __name__ == "__main__":
    main()
