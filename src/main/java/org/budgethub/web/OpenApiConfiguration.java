package org.budgethub.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The API description's title and its security: HTTP Basic with a console user (Swagger's Authorize uses it). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "预算公开集成中枢 API（Budget Disclosure Hub）", version = "1",
        description = "运行、单位与部门、审核发布（先审后发）。角色：VIEWER 查看，OPERATOR 运行，REVIEWER 审核与撤回，ADMIN 全部。"),
        security = @SecurityRequirement(name = "basicAuth"))
@SecurityScheme(name = "basicAuth", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "控制台用户名和密码（HTTP Basic）")
class OpenApiConfiguration {
}
