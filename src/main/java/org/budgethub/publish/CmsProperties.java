package org.budgethub.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.cms.*}: the website CMS that receives packages over SFTP, the embedded stand-in of
 * the demo, and the metadata the website needs with every package.
 */
@ConfigurationProperties("hub.cms")
public class CmsProperties {

    private String host = "127.0.0.1";
    private int port = 2222;
    private String directory = "packages";
    private String username = "hub";
    private String privateKeyFile = "data/cms-keys/hub_ecdsa";
    private String knownHostsFile = "data/cms-keys/known_hosts";
    private final Embedded embedded = new Embedded();
    private final Metadata metadata = new Metadata();

    /** The demo's embedded SFTP server (Apache MINA SSHD), serving a local folder. */
    public static class Embedded {
        private boolean enabled;
        private String root = "data/cms";
        private String keysDir = "data/cms-keys";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getRoot() {
            return root;
        }

        public void setRoot(String root) {
            this.root = root;
        }

        public String getKeysDir() {
            return keysDir;
        }

        public void setKeysDir(String keysDir) {
            this.keysDir = keysDir;
        }
    }

    /** What the CMS files a package under (政府信息公开 metadata). Patterns may use {agency}, {agencyName}, {year}, {version}. */
    public static class Metadata {
        private String indexPattern = "{agency}/{year}-YSGK-{version}";
        private String publisher = "{agencyName}";
        private String topic = "财政";
        private String genre = "预决算";
        private String column = "部门预算";
        private String writtenDate = "";

        public String getIndexPattern() {
            return indexPattern;
        }

        public void setIndexPattern(String indexPattern) {
            this.indexPattern = indexPattern;
        }

        public String getPublisher() {
            return publisher;
        }

        public void setPublisher(String publisher) {
            this.publisher = publisher;
        }

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

        public String getGenre() {
            return genre;
        }

        public void setGenre(String genre) {
            this.genre = genre;
        }

        public String getColumn() {
            return column;
        }

        public void setColumn(String column) {
            this.column = column;
        }

        public String getWrittenDate() {
            return writtenDate;
        }

        public void setWrittenDate(String writtenDate) {
            this.writtenDate = writtenDate;
        }
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPrivateKeyFile() {
        return privateKeyFile;
    }

    public void setPrivateKeyFile(String privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
    }

    public String getKnownHostsFile() {
        return knownHostsFile;
    }

    public void setKnownHostsFile(String knownHostsFile) {
        this.knownHostsFile = knownHostsFile;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    public Metadata getMetadata() {
        return metadata;
    }
}
