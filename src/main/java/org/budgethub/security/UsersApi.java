package org.budgethub.security;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import org.budgethub.web.ApiErrors;
import org.budgethub.web.ApiRefusal;
import org.budgethub.web.ProblemType;

/**
 * Console users for scripts (admins only, see SecurityConfiguration): a bureau creates its 300
 * authors (单位填报员) and gives each its agencies without the admin page. Every creation and scope
 * change is audited like the page's.
 */
@RestController
@Tag(name = "admin", description = "Console users and authors' agencies (admins only)")
class UsersApi {

    @Schema(description = "新用户")
    public record NewUser(@Schema(description = "用户名：1 到 100 个字母、数字、“.”、“_”或“-”", example = "author-101023") String username,
                          @Schema(description = "初始密码，须符合密码策略（hub.security.password：默认至少 12 个字符，含大写字母、小写字母、数字、符号中的至少 3 类，不含用户名，不是常见密码）", example = "Init-7fK2-101023") String password,
                          @Schema(description = "角色，恰好一个：VIEWER、AUTHOR、OPERATOR、REVIEWER 或 ADMIN", example = "[\"AUTHOR\"]")
                          List<String> roles,
                          @Schema(description = "单位填报员（AUTHOR）可查看和填写的单位或部门代码；其他角色须为空", example = "[\"101023\"]")
                          List<String> agencies) {
    }

    @Schema(description = "控制台用户（不含密码）")
    public record UserView(@Schema(example = "author-101023") String username,
                           @Schema(description = "角色", example = "[\"AUTHOR\"]") List<String> roles,
                           @Schema(description = "角色的中文名称", example = "单位填报员") String roleLabel,
                           @Schema(description = "单位填报员的单位范围（代码顺序）；其他角色为空：可以查看全部单位", example = "[\"101023\"]")
                           List<String> agencies,
                           @Schema(description = "是否启用", example = "true") boolean enabled) {
    }

    private static final String PROBLEM = "application/problem+json";

    private final Users users;
    private final UserAdministration admin;
    private final AuditLog audit;

    UsersApi(Users users, UserAdministration admin, AuditLog audit) {
        this.users = users;
        this.admin = admin;
        this.audit = audit;
    }

    @GetMapping("/api/admin/users")
    @Operation(summary = "Every console user with its role and, for an author, its agencies (admins only)")
    public List<UserView> list() {
        Map<String, SortedSet<String>> scopes = users.agencies();
        return users.list().stream().map(u -> view((String) u.get("username"), (String) u.get("role"), Boolean.TRUE.equals(u.get("enabled")),
                scopes.getOrDefault((String) u.get("username"), new TreeSet<>()))).toList();
    }

    @GetMapping("/api/admin/users/{username}")
    @Operation(summary = "One console user (admins only)", responses = {
            @ApiResponse(responseCode = "200", description = "the user"),
            @ApiResponse(responseCode = "404", description = "no such user",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public UserView one(@PathVariable String username) {
        return users.account(username).map(a -> view(username, a.role(), a.enabled(), users.agencies(username)))
                .orElseThrow(() -> unknownUser(username));
    }

    @PostMapping("/api/admin/users")
    @Operation(summary = "Create a console user; an author with its agencies (admins only)", description = "新建控制台用户。已存在的用户名"
            + "返回 409，不会被修改（脚本可以重复运行）。单位代码须为财政系统某一年度的单位或部门。", responses = {
            @ApiResponse(responseCode = "201", description = "created; Location names it"),
            @ApiResponse(responseCode = "400", description = "a field missing, a bad user name, password, role or agency code, "
                    + "or an agency not in the finance system",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "403", description = "not an admin",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "409", description = "the user exists",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ResponseEntity<UserView> create(@org.springframework.web.bind.annotation.RequestBody NewUser body) {
        String username = required(body.username(), "username");
        String password = required(body.password(), "password");
        List<String> roles = body.roles() == null ? List.of() : body.roles();
        if (roles.isEmpty()) {
            throw new ApiRefusal(ProblemType.MISSING_PARAMETER, "缺少字段 roles（角色，例如 [\"AUTHOR\"]）");
        }
        if (roles.size() > 1) {
            throw new ApiRefusal(ProblemType.INVALID_PARAMETER, "每个用户只有一个角色，roles 须恰好列出一个：" + Role.all()
                    + "（操作员、审核员和管理员都可以查看；管理员拥有除单位填报员以外的全部权限）");
        }
        Role role = Role.of(roles.get(0));
        List<String> agencies = body.agencies() == null ? List.of() : body.agencies();
        SortedSet<String> scope;
        try {
            scope = admin.createNew(username, password, role, agencies, UserAdministration.Channel.API);
        } catch (Users.UserExists e) {
            throw new ApiRefusal(ProblemType.USER_EXISTS, "用户 " + username + " 已存在，未作修改；修改其单位范围请用 PUT /api/admin/users/"
                    + username + "/agencies").href("/console/admin");
        } catch (AgencyCodes.Refused e) {
            throw refusal(e);
        }
        return ResponseEntity.created(URI.create("/api/admin/users/" + username)).body(view(username, role.name(), true, scope));
    }

    @PutMapping("/api/admin/users/{username}/agencies")
    @Operation(summary = "Give an author exactly these agencies and departments (admins only)", description = "把单位填报员的单位范围设为"
            + "正文所列的代码（JSON 数组，例如 [\"101023\", \"101\"]）；空数组：暂时没有任何单位。部门代码只包括部门本身的说明，不包括其下属单位。",
            requestBody = @RequestBody(content = @Content(array = @ArraySchema(schema = @Schema(type = "string", example = "101023")))),
            responses = {
            @ApiResponse(responseCode = "200", description = "the user with its new agencies"),
            @ApiResponse(responseCode = "400", description = "a malformed code, or one that is no agency or department of any year",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "403", description = "not an admin",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "404", description = "no such user",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "409", description = "the user is no author",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public UserView assign(@PathVariable String username, @org.springframework.web.bind.annotation.RequestBody List<String> codes) {
        Users.ScopeChange change;
        try {
            change = admin.assign(username, codes, UserAdministration.Channel.API).orElseThrow(() -> unknownUser(username));
        } catch (AgencyCodes.Refused e) {
            throw refusal(e);
        }
        return view(username, Role.AUTHOR.name(), users.account(username).map(Users.Account::enabled).orElse(false), change.after());
    }

    @Schema(description = "对已有用户的修改：只改给出的字段")
    public record UserChange(@Schema(description = "新角色，恰好一个", example = "[\"VIEWER\"]") List<String> roles,
                             @Schema(description = "false：停用；true：重新启用", example = "false") Boolean enabled) {
    }

    @PatchMapping("/api/admin/users/{username}")
    @Operation(summary = "Change a user's role or disable/enable it; its sessions end (admins only)", description = "改变角色或停用的用户，"
            + "其已登录的控制台会话在下一次请求时结束。唯一启用的管理员不能停用或改为其他角色（409 last-admin）：请先新建另一个管理员。", responses = {
            @ApiResponse(responseCode = "200", description = "the user as it is now"),
            @ApiResponse(responseCode = "400", description = "no field, or a bad role",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "404", description = "no such user",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "409", description = "the last enabled admin",
                    content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public UserView change(@PathVariable String username, @org.springframework.web.bind.annotation.RequestBody UserChange body,
                           Authentication me) {
        if (body == null || body.roles() == null && body.enabled() == null) {
            throw new ApiRefusal(ProblemType.MISSING_PARAMETER, "缺少字段：请给出 roles（例如 [\"VIEWER\"]）或 enabled（true 或 false）");
        }
        Users.Account before = users.account(username).orElseThrow(() -> unknownUser(username));
        try {
            if (body.roles() != null) {
                if (body.roles().size() != 1) {
                    throw new ApiRefusal(ProblemType.INVALID_PARAMETER, "每个用户只有一个角色，roles 须恰好列出一个：" + Role.all());
                }
                Role role = Role.of(body.roles().get(0));
                if (!role.name().equals(before.role())) {
                    users.changeRole(username, role);
                    audit.record("user.role", "用户 " + username + " 的角色：" + Role.find(before.role()).map(Role::describe).orElse(before.role())
                            + " → " + role.describe() + "，其已登录的会话随即结束（API）");
                }
            }
            if (Boolean.FALSE.equals(body.enabled()) && before.enabled()) {
                if (username.equals(me.getName())) {
                    throw new ApiRefusal(ProblemType.CONFLICT, "不能停用自己的账号。如需停用，请由另一位管理员操作").href("/console/admin");
                }
                users.disable(username);
                audit.record("user.disable", "停用用户 " + username + "，其已登录的会话随即结束（API）");
            } else if (Boolean.TRUE.equals(body.enabled()) && !before.enabled()) {
                users.enable(username);
                audit.record("user.enable", "重新启用用户 " + username + "（API）");
            }
        } catch (Users.LastAdmin e) {
            throw new ApiRefusal(ProblemType.LAST_ADMIN, e.getMessage()).href("/console/admin");
        }
        return one(username);
    }

    private static UserView view(String username, String role, boolean enabled, SortedSet<String> agencies) {
        return new UserView(username, List.of(role), Role.find(role).map(Role::label).orElse(role), List.copyOf(agencies), enabled);
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new ApiRefusal(ProblemType.MISSING_PARAMETER, "缺少字段 " + field);
        }
        return value;
    }

    private static ApiRefusal unknownUser(String username) {
        return new ApiRefusal(ProblemType.UNKNOWN_USER, "没有用户 " + SecurityAudit.printable(username)).href("/console/admin");
    }

    /** Malformed codes are a bad value; unknown ones name what the finance system lacks; an unreadable directory checks nothing. */
    private static ApiRefusal refusal(AgencyCodes.Refused e) {
        return switch (e.kind()) {
            case MALFORMED -> new ApiRefusal(ProblemType.INVALID_PARAMETER, e.getMessage());
            case UNKNOWN -> new ApiRefusal(ProblemType.UNKNOWN_AGENCY, HttpStatus.BAD_REQUEST, e.getMessage());
            case NO_DIRECTORY -> new ApiRefusal(ProblemType.CONFLICT, e.getMessage());
        };
    }
}
