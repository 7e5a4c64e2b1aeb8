package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.security.AuditLog;

/** POST /api/runs: a run of every agency is incremental unless it asks for {@code "full": true}. */
class RunsApiFullTest {

    private final RunLauncher launcher = mock(RunLauncher.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final RunsApi api = new RunsApi(mock(RunHistory.class), launcher, audit, mock(AgencyDirectory.class), new ObjectMapper());

    private RunRequest started(RunsApi.StartRun body) {
        when(launcher.launch(any())).thenReturn(7L);
        api.start(body, () -> "olga");
        ArgumentCaptor<RunRequest> request = ArgumentCaptor.forClass(RunRequest.class);
        verify(launcher).launch(request.capture());
        return request.getValue();
    }

    @Test
    void aRunOfEveryAgencyIsIncrementalByDefault() {
        RunRequest request = started(new RunsApi.StartRun(2026, "all", null, null));

        assertThat(request.full()).isFalse();
        assertThat(request.incremental()).isTrue();
    }

    @Test
    void fullRebuildsEveryAgencyAndTheAuditLogSaysSo() {
        RunRequest request = started(new RunsApi.StartRun(2026, "all", null, null, true));

        assertThat(request.full()).isTrue();
        assertThat(request.incremental()).isFalse();
        assertThat(request.syncTracked()).as("a full run still keeps the sync record").isTrue();
        ArgumentCaptor<String> detail = ArgumentCaptor.forClass(String.class);
        verify(audit).record(any(), detail.capture());
        assertThat(detail.getValue()).contains("全量重建");
    }
}
