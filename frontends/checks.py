from django.core.checks import Error, Tags, register

from frontends import conf


@register(Tags.urls)
def language_hosts(app_configs=None, **kwargs):
    """A language host serves its language at its root, so links from it to languages served under /<language>/
    need the address of the site that serves those."""
    hosts = conf.hosts()
    unknown = sorted({code for code in hosts.values() if code not in conf.languages()})
    errors = []
    if unknown:
        errors.append(Error(f"FRONTENDS_HOSTS names languages the sites do not have: {unknown}.", id="frontends.E001"))
    prefixed = [code for code in conf.languages() if code not in hosts.values()]
    if hosts and prefixed and not conf.base_url():
        errors.append(
            Error(
                f"FRONTENDS_HOSTS gives some languages a host name, but not {prefixed}.",
                hint="Set FRONTENDS_BASE_URL to the address that serves the others under /<language>/.",
                id="frontends.E002",
            )
        )
    return errors
