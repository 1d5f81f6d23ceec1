"""The Faker baseline for scripts/bench: the same seven customer fields leadcheck generates,
as NDJSON, one record per line.

usage: faker_leads.py COUNT OUTPUT
"""
import json
import sys

from faker import Faker


def main() -> None:
    count = int(sys.argv[1])
    fake = Faker("en_US")
    Faker.seed(42)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for _ in range(count):
            out.write(json.dumps({
                "firstName": fake.first_name(),
                "lastName": fake.last_name(),
                "email": fake.email(),
                "phone": fake.phone_number(),
                "country": fake.country_code(),
                "company": fake.company(),
                "title": fake.job(),
            }, ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main()
