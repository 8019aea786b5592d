"""Logs in to a running Kluis through its login form and prints a new API token (for the schemathesis step)."""

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base, org, email, password = sys.argv[1:5]
opener = urllib.request.build_opener(
    urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
)


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    if not found:
        sys.exit("no CSRF field on the page")
    return found.group(1)


def get(path: str) -> str:
    with opener.open(base + path, timeout=30) as res:
        return res.read().decode()


def post(path: str, fields: dict) -> str:
    data = urllib.parse.urlencode(fields).encode()
    with opener.open(base + path, data=data, timeout=30) as res:
        return res.read().decode()


page = get("/login")
post("/login", {"csrf": csrf(page), "email": email, "password": password})
page = get(f"/o/{org}/account")
page = post(f"/o/{org}/account/tokens", {"csrf": csrf(page), "name": "schemathesis"})
token = re.search(r'<code class="secret">([^<]+)</code>', page)
if not token:
    sys.exit("the account page showed no new API token")
print(token.group(1))
