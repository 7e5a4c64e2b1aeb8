package org.budgethub.config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * The enum settings the routes also read as text take only their exact lower-case spelling:
 * agency.camel.yaml sends to direct:publish-{{hub.publish.mode}}, and the sftp: URI hands
 * {{hub.cms.strict-host-key-checking}} to JSch, which knows "yes" and "no". Spring alone would bind
 * "SFTP" too, and every delivery would then fail on a direct:publish-SFTP that does not exist.
 */
final class ExactSpelling implements GenericConverter {

    static final Set<Class<? extends Enum<?>>> TYPES = Set.of(HubProperties.PublishMode.class, CmsProperties.HostKeyChecking.class);

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return TYPES.stream().map(type -> new ConvertiblePair(String.class, type)).collect(Collectors.toSet());
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        String text = ((String) source).trim();
        if (text.isEmpty()) {
            return null;
        }
        Enum<?>[] values = (Enum<?>[]) targetType.getType().getEnumConstants();
        return Arrays.stream(values).filter(value -> HubProperties.spelling(value).equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is none of " + Arrays.stream(values)
                        .map(HubProperties::spelling).toList()));
    }
}
