package org.budgethub.render;

/**
 * What the CMS files a package under (政府信息公开 metadata), written into every manifest.json.
 * Patterns may use {agency}, {agencyName}, {year}, {version}; an empty written date is the
 * publication date. Configured as {@code hub.cms.metadata.*}.
 */
public record CmsMetadata(String indexPattern, String publisher, String topic, String genre, String column, String writtenDate) {
}
