package org.budgethub.publish;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import org.budgethub.model.Disclosure;
import org.budgethub.render.DisclosureJson;

/**
 * Lays out an agency's package as {@code <year>/<agency>/<file>}. Agency codes were checked to be
 * safe folder names before they got here.
 */
@Component("packageFiles")
public class PackageFiles {

    public byte[] disclosureJson(Disclosure disclosure, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.FILE_NAME,
                disclosure.fiscalYear() + "/" + disclosure.agencyCode() + "/" + DisclosureJson.FILE_NAME);
        return DisclosureJson.write(disclosure);
    }
}
